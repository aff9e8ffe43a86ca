// The Target wire model in one import: URLs, status values, batch ids, XML and JSON bodies.
export * from './batch-id.js';
export * from './batch-status.js';
export * from './batch-status-response.js';
export * from './messages.js';
export * from './profile-json.js';
export * from './single-update-response.js';
export * from './submit-response.js';
export * from './urls.js';
export { escapeXml } from './xml-util.js';
