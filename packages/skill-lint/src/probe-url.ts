/** Network check of one external link (opt-in): HEAD first, GET when HEAD is refused. */
const TIMEOUT_MS = 10_000;

export async function probeUrl(url: string): Promise<number | string> {
  for (const method of ["HEAD", "GET"] as const) {
    try {
      const response = await fetch(url, { method, redirect: "follow", signal: AbortSignal.timeout(TIMEOUT_MS) });
      await response.body?.cancel();
      // Some servers refuse HEAD (405/403/501) but serve GET.
      if (method === "HEAD" && [403, 405, 501].includes(response.status)) continue;
      return response.status;
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      if (method === "GET") return (error as Error).name === "TimeoutError" ? `no answer within ${TIMEOUT_MS / 1000} s` : cause ?? (error as Error).message;
    }
  }
  return "no answer";
}
