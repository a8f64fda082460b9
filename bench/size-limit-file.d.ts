/** `@size-limit/file` ships no types. It exports a list of plugins; size-limit's typings call that a function, and its API flattens the list either way. */
declare module '@size-limit/file' {
  const plugins: (...args: unknown[]) => unknown
  export default plugins
}
