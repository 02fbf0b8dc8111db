; Multiboot 1 header and the 32-bit entry point.
;
; The loader jumps here with paging off. We build a boot page directory that maps the low 16 MiB twice
; (identity for the next few instructions, and at 0x80000000 where the kernel is linked), add the
; self-map at PDE 0x300, turn paging on, jump to the higher half and call kmain. kmain drops the
; identity map once it no longer runs from it.

KERNEL_VBASE    equ 0x80000000
MB_MAGIC        equ 0x1BADB002
MB_FLAGS        equ 0x00000003          ; page-align modules, give us the memory map
BOOT_MAP_TABLES equ 4                   ; 4 page tables x 4 MiB = 16 MiB mapped at boot
SELF_MAP_PDE    equ 0x300

section .multiboot
align 4
    dd MB_MAGIC
    dd MB_FLAGS
    dd -(MB_MAGIC + MB_FLAGS)

section .bss
align 4096
global boot_page_directory
boot_page_directory:
    resb 4096
global boot_page_tables
boot_page_tables:
    resb 4096 * BOOT_MAP_TABLES

; The boot stack. The page below it (boot_stack_guard) is kept free of data so the memory manager can
; unmap it and turn an overflow into a fault instead of a silent overwrite.
align 4096
global boot_stack_guard
boot_stack_guard:
    resb 4096
global boot_stack_bottom
boot_stack_bottom:
    resb 16384
global boot_stack_top
boot_stack_top:

; The entry runs with paging off, so it lives in the .boot segment, linked where it is loaded (GRUB
; requires the entry point inside a segment, and QEMU's loader jumps to it as a physical address).
section .boot.text exec
global _start
_start:
    cli
    mov esi, eax                        ; multiboot magic
    mov edi, ebx                        ; physical address of the multiboot info

    ; Page tables: entry i maps physical i * 4 KiB, present + writable.
    mov ebx, boot_page_tables - KERNEL_VBASE
    xor ecx, ecx
.fill_pte:
    mov eax, ecx
    shl eax, 12
    or eax, 0x003
    mov [ebx + ecx * 4], eax
    inc ecx
    cmp ecx, 1024 * BOOT_MAP_TABLES
    jne .fill_pte

    ; Page directory: identity PDE 0, kernel PDEs 0x200.., and the self-map.
    mov edx, boot_page_directory - KERNEL_VBASE
    mov eax, boot_page_tables - KERNEL_VBASE
    or eax, 0x003
    mov [edx], eax
    xor ecx, ecx
.fill_pde:
    mov [edx + (KERNEL_VBASE >> 22) * 4 + ecx * 4], eax
    add eax, 4096
    inc ecx
    cmp ecx, BOOT_MAP_TABLES
    jne .fill_pde
    mov eax, edx
    or eax, 0x003
    mov [edx + SELF_MAP_PDE * 4], eax

    mov cr3, edx
    mov eax, cr0
    or eax, 0x80000000                  ; PG
    mov cr0, eax
    mov eax, higher_half_entry
    jmp eax

; From here on the kernel runs at its link address.
section .text
higher_half_entry:
    mov esp, boot_stack_top
    xor ebp, ebp                        ; ends the frame-pointer chain for backtraces
    push edi
    push esi
    extern kmain
    call kmain
.hang:
    cli
    hlt
    jmp .hang
