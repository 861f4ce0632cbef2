// Renders an engine text from its catalog key in the chosen language; the engine's English text
// when the report carries no key (an older engine, or a text not keyed yet).
import { useCallback } from 'react';
import { useLanguage } from '../store/react';
import { renderMessage, type Params } from './index';

export type RenderMessage = (
  message: { key: string; params?: Params } | null | undefined,
  fallback: string,
) => string;

export function useMessage(): RenderMessage {
  const language = useLanguage();
  return useCallback<RenderMessage>(
    (message, fallback) => renderMessage(language, message, fallback),
    [language],
  );
}
