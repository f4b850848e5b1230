-- Driven by tests/test_neovim.py: a real editor (headless Neovim 0.7+) talks to
-- `provmark serve`; a 20-line paste must get a provmark warning, the code action
-- "Tag as AI-generated" must be offered, and running it must write the sidecar.
local ws = os.getenv("PM_WS")
local server = vim.split(os.getenv("PM_SERVER"), " ")
local out = io.open(os.getenv("PM_OUT"), "w")

local function finish(ok, msg)
  out:write((ok and "OK " or "FAIL ") .. msg .. "\n")
  out:close()
  if ok then vim.cmd("qa!") else vim.cmd("cq!") end
end

vim.cmd("edit " .. ws .. "/app.py")
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = "provmark", cmd = server, root_dir = ws,
  flags = { debounce_text_changes = 0 },
})
vim.lsp.buf_attach_client(buf, id)
local client = vim.lsp.get_client_by_id(id)
if not vim.wait(10000, function() return client.initialized end, 20) then
  finish(false, "server did not initialize")
end
vim.wait(300)

-- An assistant's answer as it reads: typed, documented, commented, f-strings.
local lines = {
  "def summarize_orders(orders: list[dict[str, float]], currency: str = \"EUR\") -> dict[str, float]:",
  "    \"\"\"Summarize a list of orders into totals, averages and the largest order.\"\"\"",
  "    if not orders:",
  "        raise ValueError(\"Cannot summarize an empty list of orders\")",
  "",
  "    # Collect the amounts once so every statistic uses the same values.",
  "    amounts = [float(order[\"amount\"]) for order in orders]",
  "    total_amount = sum(amounts)",
  "    average_amount = total_amount / len(amounts)",
  "",
  "    # Find the largest order to highlight it in the report.",
  "    largest_order = max(amounts)",
  "    print(f\"Processed {len(amounts)} orders totalling {total_amount:.2f} {currency}\")",
  "",
  "    return {",
  "        \"total\": round(total_amount, 2),",
  "        \"average\": round(average_amount, 2),",
  "        \"largest\": round(largest_order, 2),",
  "        \"count\": float(len(amounts)),",
  "    }",
}
vim.api.nvim_buf_set_lines(buf, 3, 3, false, lines)

local diags
local ok = vim.wait(5000, function()
  diags = vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.WARN })
  return #diags > 0
end, 20)
if not ok then finish(false, "no warning after the paste") end
local d = diags[1]
if d.source ~= "provmark" then finish(false, "warning source " .. tostring(d.source)) end
if d.lnum ~= 3 then finish(false, "warning starts on line " .. d.lnum) end

-- Rebuild the LSP diagnostic (Neovim keeps its own shape) for the code action request.
local lsp_diag = {
  range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum, character = d.end_col } },
  message = d.message, source = d.source, code = d.code, severity = 2,
  data = d.user_data and d.user_data.lsp and d.user_data.lsp.data or nil,
}
local resp, err = client.request_sync("textDocument/codeAction", {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = lsp_diag.range,
  context = { diagnostics = { lsp_diag } },
}, 5000, buf)
if not resp or resp.err then finish(false, "codeAction failed: " .. vim.inspect(resp) .. " " .. tostring(err)) end
local action
for _, a in ipairs(resp.result or {}) do
  if a.title:find("^Tag as AI%-generated") then action = a end
end
if not action then finish(false, "no 'Tag as AI-generated' action") end
local r = client.request_sync("workspace/executeCommand", {
  command = action.command.command, arguments = action.command.arguments,
}, 5000, buf)
if not r or r.err then finish(false, "provmark.tag failed: " .. vim.inspect(r)) end
if vim.fn.filereadable(ws .. "/.provmark/app.py.json") ~= 1 then finish(false, "no sidecar written") end

ok = vim.wait(3000, function()
  return #vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.WARN }) == 0
    and #vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.HINT }) == 1
end, 20)
if not ok then finish(false, "the warning did not give way to a hint") end
finish(true, "record " .. tostring(r.result))
