/** The staff areas of the web app, each under its own path with its own sign-in; the area is also the role. */
export const BACKOFFICE_AREAS = ['officer', 'facility', 'admin', 'employer'] as const;
export type BackofficeArea = (typeof BACKOFFICE_AREAS)[number];
