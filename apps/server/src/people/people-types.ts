import type { z } from 'zod';
import type {
  capacityInputSchema,
  carePlanInputSchema,
  contactInputSchema,
  peopleQuerySchema,
  personInputSchema,
  personPatchSchema,
  profileInputSchema,
} from '@presence/shared';

/** Inputs as the services receive them: parsed, defaults applied. */
export type PersonInput = z.output<typeof personInputSchema>;
export type PersonPatch = z.output<typeof personPatchSchema>;
export type ProfileInput = z.output<typeof profileInputSchema>;
export type CapacityInput = z.output<typeof capacityInputSchema>;
export type ContactInput = z.output<typeof contactInputSchema>;
export type CarePlanInput = z.output<typeof carePlanInputSchema>;
export type PeopleQuery = z.output<typeof peopleQuerySchema>;
export type { PersonScope } from '../http/actor.js';
