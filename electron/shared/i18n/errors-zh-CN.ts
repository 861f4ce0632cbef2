// The Chinese error texts, typed against the English ones (errors-en.ts): a missing key does not
// compile. Terms as in glossary.ts; parameters are data and stay as they are.
import type { errorsEn } from './errors-en';

export const errorsZhCN: Record<keyof typeof errorsEn, string> = {
  'err.internal': 'PanelDB 遇到意外错误；未写入任何内容。',
};
