import nodemailer, { type Transporter } from "nodemailer";
import { AppError } from "../core/errors.ts";
import type { Config } from "../core/platform/config.ts";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Files to attach, e.g. a calendar invitation (.ics). */
  attachments?: { filename: string; content: string; contentType: string }[];
}

/** Sends plain-text e-mail. Core use cases take this interface, so tests can hand in their own. */
export interface Mailer {
  /** False when no SMTP server is configured: the UI hides what would send mail. */
  readonly configured: boolean;
  sendMail(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * The mailer from SMTP_URL and SMTP_FROM. Without SMTP_URL every send throws
 * AppError("unavailable", "feedback.mail.notConfigured") instead of failing somewhere deeper.
 */
export function createMailer(config: Pick<Config, "mail">): Mailer {
  const { url, from } = config.mail;
  if (!url) {
    return {
      configured: false,
      sendMail: () => Promise.reject(new AppError("unavailable", "feedback.mail.notConfigured")),
      close: () => undefined,
    };
  }
  // One pooled transport per process: replies are rare, but a reconnect per mail is wasteful.
  let transport: Transporter | undefined;
  const transporter = () => (transport ??= nodemailer.createTransport(url, { from }));
  return {
    configured: true,
    async sendMail(message) {
      try {
        await transporter().sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.attachments ? { attachments: message.attachments } : {}),
        });
      } catch (error) {
        // The SMTP server's answer may echo the recipient: keep it as the cause, never in the message.
        throw new AppError("unavailable", "feedback.mail.failed", { cause: error });
      }
    },
    close() {
      transport?.close();
      transport = undefined;
    },
  };
}
