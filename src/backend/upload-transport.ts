/**
 * Sends the multipart upload. fetch() cannot report how many bytes went out
 * (streamed request bodies need HTTP/2 in Chromium), so in a browser the upload
 * goes through XMLHttpRequest, whose `upload.onprogress` can; elsewhere (Node,
 * the CLI, tests) through fetch, with progress only at the start and the end.
 */
export interface RawAnswer {
  status: number;
  body: string;
}

export interface UploadOptions {
  signal?: AbortSignal;
  onProgress?(sentBytes: number, totalBytes: number): void;
}

/** Resolves with the answer; rejects with an Error on a network failure, with an AbortError on abort. */
export type UploadTransport = (url: string, headers: Record<string, string>, form: FormData, totalBytes: number, options: UploadOptions) => Promise<RawAnswer>;

export function defaultUploadTransport(): UploadTransport {
  return typeof XMLHttpRequest === 'function' ? xhrUpload : fetchUpload;
}

export const fetchUpload: UploadTransport = async (url, headers, form, totalBytes, options) => {
  options.onProgress?.(0, totalBytes);
  const response = await fetch(url, { method: 'POST', headers, body: form, signal: options.signal });
  const body = await response.text();
  if (response.ok) options.onProgress?.(totalBytes, totalBytes);
  return { status: response.status, body };
};

export const xhrUpload: UploadTransport = (url, headers, form, totalBytes, options) =>
  new Promise<RawAnswer>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const abort = (): void => xhr.abort();
    const finish = (): void => options.signal?.removeEventListener('abort', abort);
    xhr.open('POST', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => options.onProgress?.(event.loaded, event.lengthComputable ? event.total : totalBytes);
    xhr.onload = () => {
      finish();
      resolve({ status: xhr.status, body: xhr.responseText });
    };
    xhr.onerror = () => {
      finish();
      reject(new Error('the connection failed'));
    };
    xhr.onabort = () => {
      finish();
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
    };
    if (options.signal?.aborted) {
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
      return;
    }
    options.signal?.addEventListener('abort', abort, { once: true });
    options.onProgress?.(0, totalBytes);
    xhr.send(form);
  });
