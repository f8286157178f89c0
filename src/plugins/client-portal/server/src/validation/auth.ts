import { z } from 'zod';
import { LANGUAGES, LIMITS } from '../constants';
import { email } from './common';

const registrationName = z.string().trim().min(3, 'must be at least 3 characters').max(LIMITS.nameMax);

/** Self-registration: an allow-list; role, confirmed, blocked, status, contact, owner … are refused by name. */
export const registerSchema = z.strictObject({
  portalId: z.string().min(1, 'is required').max(64),
  firstName: registrationName,
  lastName: registrationName,
  email,
  password: z.string().min(1, 'is required').max(400),
  language: z.enum(LANGUAGES).nullish(),
  location: z.string().trim().max(200).nullish(),
  preferences: z
    .strictObject({
      propertyTypes: z.array(z.string().max(50)).max(20).optional(),
      cities: z.array(z.string().max(100)).max(20).optional(),
      minPrice: z.number().min(0).optional(),
      maxPrice: z.number().min(0).optional(),
      minBedrooms: z.number().int().min(0).max(50).optional(),
    })
    .nullish(),
});

// Emails, codes and passwords of these flows are judged by the services, which answer one message for every cause.
export const verifySchema = z.strictObject({ email: z.unknown().optional(), code: z.unknown().optional() });
export const emailOnlySchema = z.strictObject({ email: z.unknown().optional() });
export const loginSchema = z.strictObject({ email: z.unknown().optional(), password: z.unknown().optional() });
export const resetSchema = z.strictObject({ email: z.unknown().optional(), code: z.unknown().optional(), password: z.unknown().optional() });
export const changePasswordSchema = z.strictObject({ currentPassword: z.unknown().optional(), password: z.unknown().optional() });
