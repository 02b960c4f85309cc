// Same origin as the page: CloudFront routes /api/* to the ALB, so no CORS is needed.
async function show(path, id, pick) {
  const out = document.getElementById(id);
  try {
    const response = await fetch(path, { headers: { accept: "application/json" } });
    out.textContent = `${response.status} ${pick(await response.json())}`;
  } catch (error) {
    out.textContent = `failed: ${error}`;
  }
}
show("/api/health", "health", (body) => body.status ?? body.error);
show("/api/db", "db", (body) => (body.database ? String(body.database.reachable) : body.error));
