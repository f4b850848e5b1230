" Vim 9 with ALE 3.3 (Debian packages) driving `provmark serve`, run inside tmux by
" tests/editors/test_vim_ale.py. ALE sends every change as the whole text (no range) and
" echoes diagnostics back with only code, message and range: the server must keep its
" flags across such changes and offer its actions anyway.
"   PM_WS: the workspace, PM_AI: an AI-written file outside it, PM_PYTHON: the
"   interpreter with provmark, PM_OUT: where the verdict goes ("OK ..." or "FAIL ...").
set nocompatible
set shortmess+=aAIcF cmdheight=3
filetype on
set runtimepath^=/usr/share/vim-ale
set runtimepath+=/usr/share/vim-ale/after
let g:ale_linters_explicit = 1
let g:ale_linters = {'python': ['provmark']}
let g:ale_lint_on_text_changed = 'always'
let g:ale_lint_delay = 50
let g:ale_echo_cursor = 0
let g:ale_set_signs = 0
let g:ale_virtualtext_cursor = 'disabled'
runtime plugin/ale.vim
call ale#linter#Define('python', {
\   'name': 'provmark',
\   'lsp': 'stdio',
\   'executable': $PM_PYTHON,
\   'command': '%e -m provmark serve',
\   'project_root': $PM_WS,
\})

let s:deadline = 0
let s:step = ''
let s:actions = []

function! s:Finish(verdict) abort
  call writefile([a:verdict], $PM_OUT)
  qa!
endfunction

function! s:Items(code) abort
  let l:info = get(g:ale_buffer_info, bufnr(''), {})
  return filter(copy(get(l:info, 'loclist', [])), 'get(v:val, "code", "") =~# a:code')
endfunction

function! s:OnActions(data, items) abort
  let s:actions = a:items
  for [l:kind, l:action] in a:items
    if l:action.title =~# '^Tag as AI-generated'
      call ale#codefix#ApplyLSPCodeAction(a:data, l:action)
      return
    endif
  endfor
endfunction

" One step at a time from a timer: ALE does its work in Vim's event loop.
function! s:Tick(timer) abort
  if localtime() > s:deadline
    call s:Finish('FAIL timed out at step ' . s:step . '; loclist: ' . string(get(get(g:ale_buffer_info, bufnr(''), {}), 'loclist', [])))
    return
  endif
  if s:step ==# 'paste'
    " A paste from outside the workspace: the lines of another file, in one change.
    call cursor(3, 1)
    silent execute 'read ' . fnameescape($PM_AI)
    let s:step = 'warned'
  elseif s:step ==# 'warned'
    let l:flags = s:Items('paste')
    if empty(l:flags) | return | endif
    let s:flag = l:flags[0]
    " The cursor inside the block, not on its first line: ALE sends no diagnostics here.
    call cursor(s:flag.lnum + 3, 1)
    call ale#codefix#Execute(0, function('s:OnActions'))
    let s:step = 'tagged'
  elseif s:step ==# 'tagged'
    if !filereadable($PM_WS . '/.provmark/app.py.json') | return | endif
    let s:step = 'hint'
  elseif s:step ==# 'hint'
    let l:hints = s:Items('ai-tagged')
    if empty(l:hints) || !empty(s:Items('paste')) | return | endif
    let s:hint_line = l:hints[0].lnum
    " An edit above the block, sent as the whole text: the tag moves down one line.
    call append(0, '# a line typed above')
    call ale#Queue(0)  " a change from a timer fires no TextChanged: lint (send it) now
    let s:step = 'moved'
  elseif s:step ==# 'moved'
    let l:hints = s:Items('ai-tagged')
    if empty(l:hints) || l:hints[0].lnum != s:hint_line + 1 | return | endif
    call s:Finish('OK flag at ' . s:flag.lnum . ', ' . len(s:actions) . ' actions, hint moved to ' . l:hints[0].lnum)
  endif
endfunction

function! s:Start() abort
  let s:deadline = localtime() + 40
  let s:step = 'paste'
  call timer_start(200, function('s:Tick'), {'repeat': -1})
endfunction

silent execute 'edit ' . fnameescape($PM_WS . '/app.py')
call s:Start()
