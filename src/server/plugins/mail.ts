import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Transporter } from 'nodemailer'
import type { Config } from '../config.ts'

export type MailMessage = { to: string; subject: string; text: string; html?: string }

type Mailer = {
  /** Queues a message: sent by a background job, retried on failure, committed with `transaction`. */
  queue: (message: MailMessage, options?: Parameters<FastifyInstance['jobs']['enqueue']>[2]) => Promise<void>
  /** Lines added at the foot of every message when it is sent (the deployment's identity). */
  setFooter: (footer: () => Promise<string | null>) => void
}

declare module 'fastify' {
  interface FastifyInstance {
    mail: Mailer
  }
}

/** The job that sends one e-mail (`MailMessage`): queued by the servers and by the command line. */
export const SEND_JOB = 'mail.send'

/**
 * E-mail through any SMTP server (SMTP_URL), always sent from a job so that a request never waits on,
 * or reveals by its timing, an SMTP exchange. Without SMTP_URL, an in-process sink keeps the messages.
 */
export const mailPlugin = fp(
  async (app: FastifyInstance, options: { config: Config }) => {
    const { config } = options
    // The transport (and, without SMTP_URL, the sink) starts with the first e-mail: most processes
    // start, serve and stop without sending any, and nodemailer and smtp-server weigh ~40 MB.
    let transport: Promise<Transporter> | null = null
    const closers: (() => Promise<void> | void)[] = []
    const openTransport = async (): Promise<Transporter> => {
      const { default: nodemailer } = await import('nodemailer')
      let url = config.smtpUrl
      if (!url) {
        const { startMailSink } = await import('./mail-sink.ts')
        const sink = await startMailSink(path.join(config.dataDir, 'mail'), (file) =>
          app.log.info({ file }, 'e-mail kept by the development sink (no SMTP_URL)'),
        )
        closers.push(sink.close)
        url = sink.url
      }
      const opened = nodemailer.createTransport(url)
      closers.push(() => opened.close())
      return opened
    }
    app.addHook('onClose', async () => {
      for (const close of closers) await close()
    })

    let footer: () => Promise<string | null> = async () => null
    app.jobs.define<MailMessage>(SEND_JOB, async (message) => {
      transport ??= openTransport()
      const foot = await footer()
      const text = foot ? `${message.text}\n\n--\n${foot}` : message.text
      await (await transport).sendMail({ from: config.mailFrom, ...message, text })
    })
    app.decorate('mail', {
      queue: (message, queueOptions) => app.jobs.enqueue(SEND_JOB, message, queueOptions),
      setFooter: (provider) => {
        footer = provider
      },
    } satisfies Mailer)
  },
  { name: 'mail', dependencies: ['jobs'] },
)
