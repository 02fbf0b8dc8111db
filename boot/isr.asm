; Interrupt entry stubs. Each pushes a uniform frame (see struct trap_frame in kernel/trap.h) and
; calls trap_dispatch. Vector 8 (double fault) is a task gate and has no stub here.

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

; Vectors that push an error code: 10-14, 17, 21, 29, 30.
%assign v 0
%rep 64
  %if v == 8
  %elif v == 10 || v == 11 || v == 12 || v == 13 || v == 14 || v == 17 || v == 21 || v == 29 || v == 30
    ISR_ERR v
  %else
    ISR_NOERR v
  %endif
  %assign v v + 1
%endrep

extern trap_dispatch
isr_common:
    pushad
    push ds
    push es
    push fs
    push gs
    mov ax, 0x10
    mov ds, ax
    mov es, ax
    mov fs, ax
    mov gs, ax
    cld
    push esp
    call trap_dispatch
    add esp, 4
    pop gs
    pop fs
    pop es
    pop ds
    popad
    add esp, 8                          ; vector and error code
    iretd

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
