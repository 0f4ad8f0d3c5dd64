// The version of each exercise page's questions as they are now, for vk-progress.js: a record
// saved for an older bank is not checked off. Written by tools/make_exercises.py from
// exercises/bank/*.yml; do not edit.
window.VeerkrachtQuizVersions = [
 "1662d687d665 80d7e919619b a6f32951d74b 6bae5e9add28 8c77f1b185e1 ab7c8ea73a52 fa9191b24e60 3fb834a34926 9cd38186a074 5e05635bb36d 5bbd1b4c78a4 6263bff1e178",
 "b055ce6d0133 91e76f587fb9 5262ead34fd5 764a8f80e5d2 5e083dd095f6 f4ade1ac07ec 8ab8249e85b1 9c011251fcf6 4657165467cc 4ed47c54ddfd 4269273ef4f0 2fd296f81889",
 "dfa59acca75d 385f2f74e2fe 4ee53987eeb0 ba657fd8443c 30f9cc7db6be bb95121958ed 781d59a87102 39e2151826a2 a3ba627a06cd 29c3e6729b33 fd7f6e04f03c 0799ced0dce0",
 "f071c3f3946b 224ddc8f1035 9e3baba0d2ad 7bc618d75b39 cbd089cbd75b 9ec03d646f98 d0d347226818 2affaf584f6e 0f3b44c91157 fea75df7800c 763beef0d8e7 d01ae0abd953",
 "52ca3c614cb9 90786a90b2c5 677782b507be beb94a1ab8e3 b0c29ff25d2a 0a1af8f7da04 0b43c7c56681 9141376b24d4 7d2310b9b074 0be1f811fa6c da930bf8d8cf 18dfcb69fd23"
];
