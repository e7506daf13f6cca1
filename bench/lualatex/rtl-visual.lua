-- Loaded by compare.py for right-to-left articles (ar). It changes no position on the page, only
-- the order in which the PDF draws the glyphs, so that pdftotext (and so spacing.py) can read the
-- lines:
--  * LuaTeX draws a right-to-left run from right to left, glyph by glyph; pdftotext then takes
--    each letter for a word. Before shipout every right-to-left box and run (dir nodes) becomes a
--    left-to-right list in visual order, as quire writes its lines; a mark's x offset, measured
--    the other way in a right-to-left run, changes sign.
--  * A mark (a glyph of no width) sits on a raised or lowered baseline, which pdftotext takes
--    for a line of its own, cutting the real line in pieces. Each mark goes into an empty
--    ActualText span, as quire writes its marks, so text extraction leaves it out.
-- Checked: the pages render to the same pixels as without this file, but for antialiasing.
local HLIST, VLIST, DIR, GLYPH = node.id("hlist"), node.id("vlist"), node.id("dir"), node.id("glyph")
local visual
local function literal(code)
  local w = node.new("whatsit", "pdf_literal")
  w.mode = 2  -- direct: inside the text object
  w.data = code
  return w
end
local function flatten(groups, d)
  local out = {}
  local a, b, step = 1, #groups, 1
  if d == 1 then a, b, step = #groups, 1, -1 end
  for i = a, b, step do
    for _, x in ipairs(groups[i]) do out[#out + 1] = x end
  end
  return out
end
local function fix_box(b)
  if b.id == HLIST then
    local items = visual(b.head, b.direction == 1 and 1 or 0)
    local head, prev = nil, nil
    for _, n in ipairs(items) do
      n.prev, n.next = prev, nil
      if prev then prev.next = n else head = n end
      prev = n
    end
    b.head = head
    b.direction = 0
  elseif b.id == VLIST then
    for n in node.traverse(b.head) do
      if n.id == HLIST or n.id == VLIST then fix_box(n) end
    end
  end
end
-- The nodes from n to the end of its run (the dir node closing it, or the list's end) in visual
-- order, and the node after the run.
local function run(n, d)
  local groups = {}
  while n do
    local nxt = n.next
    if n.id == DIR then
      if n.subtype == 0 then
        local sub
        sub, nxt = run(nxt, n.direction)
        groups[#groups + 1] = sub
      else
        return flatten(groups, d), nxt
      end
    else
      if n.id == HLIST or n.id == VLIST then fix_box(n) end
      if n.id == GLYPH and d == 1 and n.xoffset ~= 0 then n.xoffset = -n.xoffset end
      if n.id == GLYPH and n.width == 0 then
        -- a mark: out of the text layer (empty ActualText, as quire does), so that text
        -- extraction does not see its raised or lowered baseline as a line of its own
        groups[#groups + 1] = {literal("/Span <</ActualText ()>> BDC"), n, literal("EMC")}
      else
        groups[#groups + 1] = {n}
      end
    end
    n = nxt
  end
  return flatten(groups, d), nil
end
visual = function(head, d)
  local groups, n = {}, head
  while n do  -- a closing dir node with no opening one ends a run: go on after it
    local sub
    sub, n = run(n, d)
    groups[#groups + 1] = sub
  end
  return flatten(groups, d)
end
luatexbase.add_to_callback("pre_shipout_filter", function(box)
  fix_box(box)
  return true
end, "quire-visual-order")
