/** The inbox consumer's name (the inbox records each handled event under it; the read model reads by it). */
export const WARNING_AUTHORIZED_CONSUMER = 'notification.warning-authorized';
