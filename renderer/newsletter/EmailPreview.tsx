import Box from '@mui/material/Box';
import { useEffect, useRef } from 'react';

/**
 * The e-mail as main made it, shown in a shadow root so its inline styles neither leak into the app
 * nor pick up the app's. Main escapes every piece of text in it; the app's Content-Security-Policy
 * (no inline script, no inline event handler) would stop anything that slipped through.
 */
export function EmailPreview({ html, label }: { html: string; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    const body = new DOMParser().parseFromString(html, 'text/html').body;
    root.replaceChildren(...Array.from(body.childNodes).map((n) => document.importNode(n, true)));
  }, [html]);
  return <Box ref={host} role="region" aria-label={label} sx={{ width: '100%', maxWidth: 640, border: '1px solid #D8DDE0', bgcolor: '#F0F4F5', minHeight: 400 }} />;
}
