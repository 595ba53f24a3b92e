export declare const STDIO_FIXTURE: string;
export declare function bundleFixture(entry: string): Promise<string>;
export declare const packagesDir: string;
