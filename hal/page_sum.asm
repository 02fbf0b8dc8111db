; page_sum (hal/page_sum.h): the two sums of a 4 KiB page the paging file's checksum is made of. With
; SSE2, paddd adds four words at a time: 256 adds and 32 running-sum adds a page, where the plain loop
; needs 1024 adds and 32 more.

PAGE_BYTES  equ 4096
BLOCK_BYTES equ 128                     ; PAGE_SUM_BLOCK
CR4_OSFXSR  equ 1 << 9
CPUID_SSE2  equ 1 << 26

section .data
loop_of_cpu: dd page_sum_plain          ; page_sum_init switches it to page_sum_sse2

section .text

global page_sum_init
page_sum_init:
    push ebx                            ; cpuid writes ebx, which cdecl callers keep
    mov eax, 1
    cpuid
    pop ebx
    test edx, CPUID_SSE2
    jz .done
    mov eax, cr4
    or eax, CR4_OSFXSR
    mov cr4, eax
    mov dword [loop_of_cpu], page_sum_sse2
.done:
    ret

; uint32_t page_sum(const void *page, uint32_t *running)
global page_sum
page_sum:
    jmp [loop_of_cpu]

global page_sum_plain
page_sum_plain:
    push esi
    push edi
    mov esi, [esp + 12]
    xor eax, eax                        ; the words' sum
    xor edx, edx                        ; the running sums' sum
    mov ecx, -PAGE_BYTES
    sub esi, ecx                        ; esi = page end: ecx counts up to 0
.block:
    mov edi, BLOCK_BYTES / 4
.word:
    add eax, [esi + ecx]
    add ecx, 4
    dec edi
    jnz .word
    add edx, eax
    test ecx, ecx
    jnz .block
    mov ecx, [esp + 16]
    mov [ecx], edx
    pop edi
    pop esi
    ret

%macro FOLD 2                           ; %2 = the sum of %1's four lanes; trashes xmm2
    pshufd xmm2, %1, 0x4E
    paddd %1, xmm2
    pshufd xmm2, %1, 0xB1
    paddd %1, xmm2
    movd %2, %1
%endmacro

page_sum_sse2:
    mov eax, [esp + 4]
    sub esp, 48                         ; the caller's xmm0-xmm2 (a driver's, perhaps) go back as they were
    movdqu [esp], xmm0
    movdqu [esp + 16], xmm1
    movdqu [esp + 32], xmm2
    pxor xmm0, xmm0                     ; four lanes of the words' sum
    pxor xmm1, xmm1                     ; four lanes of the running sums' sum
    mov ecx, -PAGE_BYTES
    sub eax, ecx
.block:
%assign off 0
%rep BLOCK_BYTES / 16
    paddd xmm0, [eax + ecx + off]
%assign off off + 16
%endrep
    paddd xmm1, xmm0
    add ecx, BLOCK_BYTES
    jnz .block
    FOLD xmm0, eax
    FOLD xmm1, edx
    mov ecx, [esp + 48 + 8]
    mov [ecx], edx
    movdqu xmm0, [esp]
    movdqu xmm1, [esp + 16]
    movdqu xmm2, [esp + 32]
    add esp, 48
    ret
