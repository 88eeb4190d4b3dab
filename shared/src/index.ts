export * from './api'
export * from './commands'
export * from './domain'
export * from './ids'
export * from './origin'
export * from './protocol'
// The plan document (schema, accessors, mutators, JSON rendering) is exported from ./plan.
export * from './plan'
