/**
 * Every limit a form keeps, written once. The server's checks, the pages' `maxlength` and `min`
 * and their hints read them here; the database's CHECKs are the last guard, and a test keeps
 * them equal to these.
 */

/** An agency's, a program's or a round's name, in characters. */
export const NAME_MAX_LENGTH = 200;

/** A sign-in name, in characters. */
export const USERNAME_MAX_LENGTH = 64;

/** A password's length, in characters: long enough to resist guessing, short enough to hash quickly. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** The smallest minimum group size an admin may set: below 3, people can work out each other's answers. */
export const MINIMUM_GROUP_SIZE_FLOOR = 3;
/** The largest minimum group size an admin may set, for either minimum. */
export const MINIMUM_GROUP_SIZE_CEILING = 1000;

/** A respondent's note, in characters, once trimmed. */
export const COMMENT_MAX_LENGTH = 2000;

/** A staff member's private note on a round ("what I want to work on"), kept on their device only. */
export const REFLECTION_NOTE_MAX_LENGTH = 1000;

/** A "You said, we did" description, in either language, in characters. */
export const ACTION_DESCRIPTION_MAX_LENGTH = 1000;

/** How many staff work in one program, as a manager enters it: the results' share who answered rests on it. */
export const PROGRAM_STAFF_MAX = 10000;
/** The name its owner gives a passkey or security key, in characters. */
export const PASSKEY_NAME_MAX_LENGTH = 64;
/** Passkeys and security keys one account may have: several, for a phone, a laptop and a spare key. */
export const PASSKEYS_PER_ACCOUNT_MAX = 10;

/** Who leads a "You said, we did" change, a name or a role, in characters. */
export const ACTION_LEAD_MAX_LENGTH = 100;

/** Single-use codes made at one time: one print run of slips. */
export const MAX_CODES_AT_ONCE = 500;

/** A text's length in characters (code points), as these limits and the database's `length()` count it. */
export const characterCount = (text: string) => Array.from(text).length;

/** Questions of the agency's own asked at once (not retired). */
export const AGENCY_QUESTIONS_MAX = 20;
/** One text of an agency's own question, in either language and for either audience, in characters. */
export const AGENCY_QUESTION_TEXT_MAX_LENGTH = 200;
/** The short name managers read for an agency's own question, in characters. */
export const AGENCY_QUESTION_NAME_MAX_LENGTH = 60;
