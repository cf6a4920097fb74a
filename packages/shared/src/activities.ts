/** The activity catalogue's closed lists, shared by the server (validation) and the web app (forms, labels). */
export const ACTIVITY_CATEGORIES = [
  'memory',
  'gentle_exercise',
  'walking',
  'music',
  'reminiscence',
  'gardening',
  'cooking',
  'crafts',
  'sensory',
  'pet_visit',
  'intergenerational',
  'outing',
  'spiritual',
  'everyday_life',
  'games',
  'wellbeing',
  'culture',
] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];

export const ROOM_TYPES = ['activity_room', 'garden', 'kitchen', 'snoezelen', 'chapel', 'outdoor', 'living_room', 'gym'] as const;
export type RoomType = (typeof ROOM_TYPES)[number];

export const LEADER_SKILLS = ['animation', 'music', 'physical', 'cooking', 'sensory', 'art', 'none'] as const;
export type LeaderSkill = (typeof LEADER_SKILLS)[number];
