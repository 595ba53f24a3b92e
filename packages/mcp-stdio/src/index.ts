export { serveStdio, type ServeStdioOptions, type StdioHandle } from './serve.js';
