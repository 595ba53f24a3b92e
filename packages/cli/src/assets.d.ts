// SQL files are bundled as text by tsup (`loader: {'.sql': 'text'}`), so the demo works from dist.
declare module '*.sql' {
  const text: string;
  export default text;
}
