// Bad input for the CLI: a message naming the file or field and what to do; exit status 2; nothing
// is written before all input has been checked.
export class InputError extends Error {
  readonly exitCode = 2;
}
