/** Limits of the meetings area, shared by the use cases and the forms. Pure: safe in UI code. */
export const MEETING_PLACE_MAX = 200;
export const MEETING_AGENDA_MAX = 2000;
export const MEETING_OTHERS_MAX = 500;
export const MEETING_MINUTES_MAX = 4000;
export const MEETINGS_PAGE_SIZE = 25;

export const HANDOVER_MESSAGE_MAX = 1000;
export const HANDOVER_DECLINE_MAX = 1000;
export const HANDOVERS_PAGE_SIZE = 25;
