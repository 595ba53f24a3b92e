/** One doctor/health check line (cli.md doctor). */
export interface Check {
  id: string;
  status: 'pass' | 'warn' | 'fail' | 'skip';
  message: string;
  fix: string | null;
}
