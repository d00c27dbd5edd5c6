/** The layers of src/, lowest first (eslint.config.js). */
export declare const LAYERS: string[][];
declare const config: unknown[];
export default config;
