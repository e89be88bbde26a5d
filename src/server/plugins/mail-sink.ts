import fs from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { SMTPServer } from 'smtp-server'

/**
 * A real SMTP server inside the process, for development when no SMTP_URL is set: every message is
 * written as an `.eml` file under `<data dir>/mail/`, and its path logged, instead of leaving the machine.
 */
export async function startMailSink(
  dir: string,
  onMessage: (file: string) => void,
): Promise<{ url: string; close: () => Promise<void> }> {
  await fs.mkdir(dir, { recursive: true })
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${session.id}.eml`)
        fs.writeFile(file, Buffer.concat(chunks)).then(
          () => {
            onMessage(file)
            callback()
          },
          (error: Error) => callback(error),
        )
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
