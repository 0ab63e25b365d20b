/**
 * The first bytes of every tailforge page: a Content-Security-Policy that
 * allows inline CSS and data: images and nothing else (no script, no
 * network, no frame, no form target), placed before anything a page's
 * content can reach, so it holds for the whole page. A coordinator checks
 * that a report coming back from a queue worker starts with exactly this
 * (queue/job-results.ts).
 */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'";

export const PAGE_PREFIX = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}">
`;
