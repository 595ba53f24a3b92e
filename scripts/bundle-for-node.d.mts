export declare const packagesDir: string;
export declare function bundleForNode(entry: string, name?: string): Promise<string>;
