export * from './client';
export * from './endpoints';
export * from './issues';
export * from './permissions';
export * from './guarantee';
export * from './planning';
export * from './rostering';
export * from './notes';
