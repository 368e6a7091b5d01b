// The certificates an https request trusts when the user adds a CA file: Node's default roots
// (its bundled Mozilla roots and NODE_EXTRA_CA_CERTS) plus the file's, never the file's alone.
import crypto from 'node:crypto';
import fs from 'node:fs';
import tls from 'node:tls';

export class CaFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'CaFileError';
  }
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;

function certificatesIn(text: string): string[] {
  return text.match(PEM_CERTIFICATE) ?? [];
}

/** The PEM certificates of a CA bundle file; throws a CaFileError naming the file when there are none or one does not parse. */
export function readCaFile(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CaFileError(file, `the CA file ${file} cannot be read: ${(e as Error).message}`);
  }
  const certificates = certificatesIn(text);
  if (certificates.length === 0) throw new CaFileError(file, `the CA file ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  certificates.forEach((pem, i) => {
    try {
      new crypto.X509Certificate(pem);
    } catch (e) {
      throw new CaFileError(file, `certificate ${i + 1} of the CA file ${file} does not parse: ${(e as Error).message}`);
    }
  });
  return certificates;
}

/** What Node trusts by default. Node 20 has no tls.getCACertificates, so NODE_EXTRA_CA_CERTS is read again here. */
function defaultTrust(): string[] {
  const getCACertificates = (tls as { getCACertificates?: (type: 'default') => string[] }).getCACertificates;
  if (getCACertificates) return getCACertificates('default');
  const extra = process.env.NODE_EXTRA_CA_CERTS;
  let extraText = '';
  try {
    if (extra) extraText = fs.readFileSync(extra, 'utf8');
  } catch {
    // Node already warned about it at startup, and trusts the rest.
  }
  return [...tls.rootCertificates, ...certificatesIn(extraText)];
}

/** The `ca` option for https: the default trust plus the file's certificates. */
export function trustWithCaFile(file: string): string[] {
  return [...defaultTrust(), ...readCaFile(file)];
}
