/**
 * Words to show, kept as how to say them rather than as a string: composed at each render, so a
 * change of language reaches a message already on screen.
 */
export type Words = () => string;
