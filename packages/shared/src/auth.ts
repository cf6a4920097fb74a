import { z } from 'zod';
import type { Role } from './roles.js';

export const loginSchema = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254)),
    password: z.string().min(1).max(256),
  })
  .strict();
export type LoginInput = z.input<typeof loginSchema>;

export const PASSWORD_MIN_LENGTH = 12;
export const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1).max(256),
    newPassword: z.string().min(PASSWORD_MIN_LENGTH).max(256),
  })
  .strict()
  .refine((p) => p.newPassword !== p.currentPassword, { path: ['newPassword'], message: 'New password must differ from the current one' });

export interface Me {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  facilityId: string | null;
  facilityName: string | null;
  /** For relatives: the people they are linked to. */
  personIds: string[];
}
