; The smallest Multiboot kernel: the baseline `make bench-boot` holds Pagoda's boot against. It prints
; the console's prompt on COM1, as Pagoda does when its boot is done, and halts.
MB_MAGIC equ 0x1BADB002
MB_FLAGS equ 0

section .text
align 4
    dd MB_MAGIC, MB_FLAGS, -(MB_MAGIC + MB_FLAGS) ; the header: first in the file, as Multiboot wants

global _start
_start:
    mov esi, prompt
    mov dx, 0x3F8                       ; COM1's data register; QEMU's UART needs no setup to send
.next:
    lodsb
    test al, al
    jz .done
    out dx, al
    jmp .next
.done:
    cli
    hlt
    jmp .done

prompt: db "pagoda> ", 0
