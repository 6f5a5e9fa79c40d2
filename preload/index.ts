import { contextBridge, ipcRenderer } from 'electron';

/**
 * The renderer's only door to main. A sandboxed preload can require nothing but 'electron', so it
 * stays self-contained: it checks the shape of the call, and main checks the channel, the sender,
 * the role and the input.
 */
contextBridge.exposeInMainWorld('signpost', {
  invoke: (channel: unknown, input: unknown): Promise<unknown> => {
    if (typeof channel !== 'string') return Promise.reject(new TypeError('A channel name must be text.'));
    return ipcRenderer.invoke('signpost:invoke', channel, input);
  },
});
