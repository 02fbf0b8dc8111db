; Interrupt entry stubs. Each pushes a uniform frame (see struct trap_frame in kernel/trap.h) and
; calls trap_dispatch, except the page fault's, which calls its handler at once (below). Vector 8
; (double fault) is a task gate and has no stub here.

section .text

%macro ISR_NOERR 1
global isr_stub_%1
isr_stub_%1:
    push dword 0                        ; no error code from the CPU: keep the frame uniform
    push dword %1
    jmp isr_common
%endmacro

%macro ISR_ERR 1
global isr_stub_%1
isr_stub_%1:
    push dword %1
    jmp isr_common
%endmacro

; The frame's registers, after the vector and the error code; and back, to the interrupted code.
%macro FRAME_SAVE 0
    pushad
    push ds
    push es
    push fs
    push gs
%endmacro

%macro FRAME_RETURN 0
    pop gs
    pop fs
    pop es
    pop ds
    popad
    add esp, 8                          ; vector and error code
    iretd
%endmacro

TRAP_PAGE_FAULT equ 14

; Vectors that push an error code: 10-14, 17, 21, 29, 30. The page fault's stub is its own.
%assign v 0
%rep 64
  %if v == 8 || v == TRAP_PAGE_FAULT
  %elif v == 10 || v == 11 || v == 12 || v == 13 || v == 17 || v == 21 || v == 29 || v == 30
    ISR_ERR v
  %else
    ISR_NOERR v
  %endif
  %assign v v + 1
%endrep

extern trap_dispatch
isr_common:
    FRAME_SAVE
    mov ax, 0x10
    mov ds, ax
    mov es, ax
    mov gs, ax
    mov ax, 0x28                        ; FS: the processor control region (kernel/pcr.h)
    mov fs, ax
    cld
    push esp
    call trap_dispatch
    add esp, 4
    FRAME_RETURN

; The page fault, the one frequent exception: the same frame, but the handler trap_set_exception_handler
; gave the vector (trap_handlers never holds 0) is called straight from here. No segment reloads: a
; page fault is only ever taken in ring 0, with the kernel's selectors that gdt_init loaded (the
; kernel loads no others; the double-fault task is a task gate, not this stub).
extern trap_handlers
global isr_stub_14
isr_stub_14:
    push dword TRAP_PAGE_FAULT
    FRAME_SAVE
    cld                                 ; the faulting code may have been copying backwards
    push esp
    call [trap_handlers + 4 * TRAP_PAGE_FAULT]
    add esp, 4
    FRAME_RETURN

; The table idt_init walks: the stub address for every vector below 64 (0 where there is none).
section .rodata
global isr_stub_table
isr_stub_table:
%assign v 0
%rep 64
  %if v == 8
    dd 0
  %else
    dd isr_stub_%+ v
  %endif
  %assign v v + 1
%endrep
