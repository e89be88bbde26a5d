/** An import refused as a whole, nothing changed: `message` is French; `status` the HTTP answer. */
export class SchoolDirectoryInputError extends Error {
  override readonly name = 'SchoolDirectoryInputError'
  readonly code: string
  readonly status: 400 | 404 | 409
  constructor(code: string, message: string, status: 400 | 404 | 409 = 400) {
    super(message)
    this.code = code
    this.status = status
  }
}
