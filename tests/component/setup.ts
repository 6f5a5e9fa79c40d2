import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { setTransport } from '../../renderer/api/client';

afterEach(() => {
  cleanup();
  setTransport(undefined);
});
