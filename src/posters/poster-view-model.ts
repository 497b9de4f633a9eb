import { qrPath, type QrPath } from './qr-code';

export interface PosterViewModel {
  pageTitle: string;
  teamName: string;
  url: string;
  displayUrl: string;
  /**
   * What the QR code encodes: the team's QR address (/q/<team>), so its responses are tagged online_qr; on a
   * collection point's poster, the point's own address (/c/<point>), so they are tagged with the point.
   */
  qrUrl: string;
  qrDisplayUrl: string;
  qr: QrPath;
  qrViewBox: string;
  svgHref: string;
}

const QUIET_ZONE = 4;

/**
 * A team's poster: the survey address from PUBLIC_BASE_URL (never the Host header), the QR code that encodes it,
 * and the short address in text for people who cannot scan.
 */
export function buildPosterViewModel(
  publicBaseUrl: string,
  team: { code: string; name: string },
  /** A collection point's poster: the code and the text address are both the point's own (/c/<point>). */
  point?: { code: string; label: string },
): PosterViewModel {
  const url = new URL(point ? `/c/${point.code}` : `/t/${team.code}`, publicBaseUrl).toString();
  const qrUrl = point ? url : new URL(`/q/${team.code}`, publicBaseUrl).toString();
  const qr = qrPath(qrUrl);
  return {
    pageTitle: point ? `Poster for ${team.name}: ${point.label}` : `Poster for ${team.name}`,
    teamName: team.name,
    url,
    displayUrl: url.replace(/^https?:\/\//, ''),
    qrUrl,
    qrDisplayUrl: qrUrl.replace(/^https?:\/\//, ''),
    qr,
    qrViewBox: `${-QUIET_ZONE} ${-QUIET_ZONE} ${qr.size + 2 * QUIET_ZONE} ${qr.size + 2 * QUIET_ZONE}`,
    svgHref: point ? `/posters/points/${point.code}.svg` : `/posters/${team.code}.svg`,
  };
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch] ?? ch,
  );

/** The whole A4 poster as a standalone SVG (210 x 297 mm), for printing services and download. */
export function renderPosterSvg(model: PosterViewModel, serviceName: string): string {
  const qrMm = 120;
  const scale = qrMm / (model.qr.size + 2 * QUIET_ZONE);
  const qrLeft = (210 - qrMm) / 2;
  const lines = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 210 297" role="img" aria-labelledby="title">`,
    `<title id="title">${escapeXml(`${serviceName}: ${model.teamName}. Scan the QR code or visit ${model.displayUrl}`)}</title>`,
    `<rect width="210" height="297" fill="#ffffff"/>`,
    `<rect width="210" height="40" fill="#005eb8"/>`,
    `<text x="105" y="26" font-family="Arial, sans-serif" font-size="14" font-weight="bold" fill="#ffffff" text-anchor="middle">${escapeXml(serviceName)}</text>`,
    `<text x="105" y="62" font-family="Arial, sans-serif" font-size="11" font-weight="bold" fill="#212b32" text-anchor="middle">How was your experience of</text>`,
    `<text x="105" y="76" font-family="Arial, sans-serif" font-size="11" font-weight="bold" fill="#212b32" text-anchor="middle">${escapeXml(model.teamName)}?</text>`,
    `<text x="105" y="92" font-family="Arial, sans-serif" font-size="7" fill="#212b32" text-anchor="middle">Scan the code with your phone camera. It takes about 2 minutes.</text>`,
    `<g transform="translate(${qrLeft} 100) scale(${scale}) translate(${QUIET_ZONE} ${QUIET_ZONE})"><path fill="#000000" d="${model.qr.d}"/></g>`,
    `<text x="105" y="238" font-family="Arial, sans-serif" font-size="7" fill="#212b32" text-anchor="middle">Or go to</text>`,
    `<text x="105" y="250" font-family="Arial, sans-serif" font-size="9" font-weight="bold" fill="#005eb8" text-anchor="middle">${escapeXml(model.displayUrl)}</text>`,
    `<text x="105" y="270" font-family="Arial, sans-serif" font-size="6" fill="#4c6272" text-anchor="middle">You do not have to give your name. Nobody reads this straight away:</text>`,
    `<text x="105" y="279" font-family="Arial, sans-serif" font-size="6" fill="#4c6272" text-anchor="middle">if you need help now, speak to a member of staff or call NHS 111.</text>`,
    `</svg>`,
  ];
  return lines.join('\n');
}
