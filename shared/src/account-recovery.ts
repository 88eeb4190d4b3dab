import { z } from 'zod'
import { z as mini } from 'zod/mini'
import { Email, Password } from './api'

/**
 * Password reset and email verification (issue 14): request bodies (validated by the server)
 * and answers (parsed by the client). A token is the base64url secret from the link.
 */

const Token = z.string().trim().min(1).max(200)

/** POST /api/auth/password-reset: send a reset link to this address, if it has an account. */
export const PasswordResetBody = z.object({ email: Email })
export type PasswordResetBody = z.infer<typeof PasswordResetBody>

/** POST /api/auth/password-reset/complete: the token from the link and the new password. */
export const PasswordResetCompleteBody = z.object({ token: Token, password: Password })
export type PasswordResetCompleteBody = z.infer<typeof PasswordResetCompleteBody>

/** POST /api/auth/verify-email: the token from the verification link. */
export const VerifyEmailBody = z.object({ token: Token })
export type VerifyEmailBody = z.infer<typeof VerifyEmailBody>

/** POST /api/admin/users/reset-link: whose password an administrator lets be reset. */
export const AdminResetLinkBody = z.object({ email: Email })
export type AdminResetLinkBody = z.infer<typeof AdminResetLinkBody>

/**
 * The answer to a reset request, the same whether or not the address has an account.
 * `mail: false`: this server sends no mail, so ask an administrator for a link.
 */
export const PasswordResetRequested = mini.object({ mail: mini.boolean() })
export type PasswordResetRequested = mini.infer<typeof PasswordResetRequested>

/** A reset link an administrator made by hand, to pass on (24 hours). */
export const AdminResetLink = mini.object({ url: mini.string(), expiresAt: mini.number() })
export type AdminResetLink = mini.infer<typeof AdminResetLink>
