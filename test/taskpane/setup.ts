import { configure } from "@testing-library/react";
import { TextDecoder, TextEncoder } from "node:util";

// Every browser the pane runs in has TextEncoder (the fingerprints hash UTF-8); jsdom does not.
if (typeof globalThis.TextEncoder === "undefined") {
  Object.assign(globalThis, { TextEncoder, TextDecoder });
}

/**
 * Shims Fluent UI v9 expects from a browser that jsdom lacks. Import this first in every task
 * pane test that renders components.
 */
if (typeof window !== "undefined") {
  if (!window.matchMedia) {
    window.matchMedia = (query: string): MediaQueryList =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => {},
        removeListener: () => {},
        addEventListener: () => {},
        removeEventListener: () => {},
        dispatchEvent: () => false,
      }) as MediaQueryList;
  }
  if (!("ResizeObserver" in window)) {
    class ResizeObserverShim {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    }
    (window as unknown as { ResizeObserver: unknown }).ResizeObserver = ResizeObserverShim;
  }
}

// ByRole queries check every element's visibility through getComputedStyle, which is slow in
// jsdom under Fluent's many style rules; nothing in these tests is hidden by CSS alone.
// findBy/waitFor give up after 1 s by default; rendering the 21-row preview can take longer.
configure({ defaultHidden: true, asyncUtilTimeout: 10_000 });

// jsdom renders Fluent slowly on a busy machine; a test fails on what it asserts, not on time.
jest.setTimeout(30_000);
