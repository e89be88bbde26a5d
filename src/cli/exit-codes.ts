/** Exit codes of the `preau` command, listed in README.md. */
export const EXIT = {
  ok: 0,
  /** The command ran and failed (database unreachable, port in use, migration error…). */
  failure: 1,
  /** Unknown command or bad arguments. */
  usage: 2,
  /** A bad environment variable. */
  config: 3,
  /** An input the command cannot use: a file that cannot be read, an unknown collectivity… */
  input: 4,
  /** An import ran (or was simulated) but its report lists anomalies to look at. */
  anomalies: 5,
} as const

/** An error whose message is meant for the person at the terminal: printed as one line, no stack. */
export class CliError extends Error {
  readonly exitCode: number
  constructor(message: string, exitCode: number = EXIT.failure) {
    super(message)
    this.exitCode = exitCode
  }
}
