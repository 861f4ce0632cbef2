// A line for a person that a write's safety machinery or a step adds to its report: a catalog
// message (key, parameters) with its English text, so `--json` keeps the text it always had and
// the CLI and the app render the key in the chosen language.
import { ref, type KeyedText } from '../shared/i18n';
import type { MessageRef } from '../shared/reports';

/** The report's fields for a list of notes: the English texts and, index for index, their keys. */
export const noteTexts = (notes: readonly KeyedText[]): string[] => notes.map((note) => note.text);
export const noteRefs = (notes: readonly KeyedText[]): MessageRef[] => notes.map((note) => ref(note));
