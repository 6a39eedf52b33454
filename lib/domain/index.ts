// The shared vocabulary (see DESIGN.md): types and pure helpers only. Components and stores
// may import this part of lib freely.
export * from './desk';
export * from './catalog';
export * from './request';
export * from './errors';
export * from './result';
export * from './rating';
export * from './wait';
