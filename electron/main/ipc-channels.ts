/** The one IPC channel prefix; a call named `files.open` travels on `profile-loader:files.open`. */
export const CALL_CHANNEL_PREFIX = 'profile-loader:';
/** Channel on which the main process pushes contract events to the window. */
export const EVENT_CHANNEL = 'profile-loader:event';
