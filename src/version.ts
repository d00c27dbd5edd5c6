export const VERSION = '1.0.0';

/** The tool's name, as its reports carry it. */
export const TOOL_NAME = 'harness-registry-guard';
