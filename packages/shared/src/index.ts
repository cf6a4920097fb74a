export * from './roles.js';
export * from './errors.js';
export * from './people.js';
export * from './auth.js';
export * from './guarantee.js';
export * from './access-policy.js';
export * from './activities.js';
export * from './rostering.js';
