/** The layers of src/, lowest first (eslint.config.js). */
export declare const LAYERS: string[][];
/** Imports allowed across a layer's own siblings. */
export declare const SIBLINGS: Record<string, string[]>;
declare const config: unknown[];
export default config;
