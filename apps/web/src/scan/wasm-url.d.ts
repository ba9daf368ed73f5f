// Vite's `?url` import: the built file's public URL (a hashed /assets/… path served by the service).
declare module '*?url' {
  const url: string;
  export default url;
}
