/** The browser binary: Debian's package, or CHROMIUM_PATH. */
export declare const CHROMIUM_PATH: string;
/** Flags for headless Chromium as root in a container with no network. */
export declare const CHROMIUM_ARGS: readonly string[];
