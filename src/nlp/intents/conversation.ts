/**
 * Training utterances for conversational meta intents. Vietnamese with and without diacritics,
 * teencode, and English. These train the classifier at start-up (never the evaluation set).
 */

export const GREETING = [
  'chào anh', 'chào chị', 'chào em', 'chào ad', 'chào admin', 'chào buổi sáng', 'chào buổi tối',
  'xin chào công an phường', 'chào bạn nhé', 'chào trợ lý', 'alo', 'alô có ai không', 'alo ad ơi',
  'hello ad', 'hi', 'hi bạn', 'hế lô', 'helo', 'chao ad', 'chao chi', 'chao anh a', 'chao em nhe',
  'alo co ai khong', 'ad oi co o do khong', 'co ai truc khong a', 'ơi ad', 'bạn ơi', 'ban oi', 'em chào anh chị ạ',
  'chào, cho tôi hỏi', 'xin chào, tôi cần hỏi', 'cho hỏi chút', 'cho em hỏi với ạ', 'cho minh hoi ti',
  'hi there', 'hey', 'good morning everyone', 'good afternoon', 'good evening', 'hello, anyone there?', 'hi, I have a question',
  'chào buổi chiều', 'dạ chào anh chị', 'xin chào trợ lý bình yên', 'chào bình yên',
];

export const THANKS_BYE = [
  'cảm ơn', 'cảm ơn bạn', 'cảm ơn ad nhiều', 'cảm ơn nhé', 'cám ơn anh chị', 'em cảm ơn ạ', 'cảm ơn đã hỗ trợ',
  'thanks', 'thank you', 'thanks a lot', 'many thanks', 'thank you, goodbye', 'bye', 'goodbye', 'see you',
  'tạm biệt nhé', 'chào tạm biệt', 'hẹn gặp lại', 'vậy thôi, cảm ơn', 'ok cảm ơn', 'oke thanks ad', 'ok tks',
  'cam on nhieu', 'cam on nha', 'thank ad', 'thanks ban', 'bai bai', 'bye ad',
  'đã hiểu, cảm ơn', 'rõ rồi cảm ơn', 'vâng ạ, em cảm ơn', 'dạ vâng cảm ơn', 'ok em hiểu rồi', 'ok minh hieu roi',
  'được rồi cảm ơn nhé', 'tuyệt vời cảm ơn', 'hay quá cảm ơn bạn', 'cảm ơn, chúc một ngày tốt lành',
  'thôi mình đi làm đây, cảm ơn', 'vậy là đủ rồi, cảm ơn', 'cảm ơn công an phường', 'thank u', 'ty',
];

export const SMALLTALK = [
  'bạn là ai', 'bạn là robot à', 'bạn là người thật hay bot', 'ban la ai vay', 'ban la nguoi hay may',
  'bạn tên là gì', 'tên bạn là gì', 'bạn mấy tuổi', 'bạn có người yêu chưa', 'bạn ăn cơm chưa',
  'hôm nay bạn thế nào', 'bạn giỏi thật', 'bạn dễ thương ghê', 'bot ngu quá',
  'trả lời ngu thế', 'haha vui thế', 'lol', 'ok', 'ừ', 'uh', 'vâng', 'dạ', 'à thế à', 'vậy à',
  'hỏi vui thôi', 'kể chuyện cười đi', 'hát một bài đi', 'bạn có biết nấu ăn không', 'bạn thích gì',
  'ai tạo ra bạn', 'bạn có phải chatgpt không', 'bạn làm việc 24/7 à', 'bạn có mệt không', 'buồn quá',
  'tôi đang chán', 'nói chuyện cho vui', 'ban thong minh ghe', 'bot oi', 'test', 'thử thôi',
  'who are you', 'what is your name', 'are you human', 'are you an AI', 'how are you', 'tell me a joke',
  'you are smart', 'lol ok', 'hmm', 'ờ', '???', '...', 'sao im thế',
  // Citizens call the assistant "em" (as it calls itself) as often as "bạn".
  'em là ai thế', 'em tên là gì', 'em là người thật à', 'em là máy à', 'em năm nay mấy tuổi', 'em có người yêu chưa',
  'em ăn cơm chưa', 'em có khỏe không', 'em giỏi quá', 'em dễ thương thế', 'em thông minh ghê', 'em ơi nói chuyện đi',
  'em la ai', 'em ten gi the', 'em may tuoi roi', 'em co met khong',
  'trợ lý ảo này xịn đấy', 'con bot này được phết', 'bot trả lời nhanh thật', 'bot này hài ghê',
  'rảnh không tâm sự chút', 'cô đơn quá', 'buồn ngủ quá', 'mình chán muốn tâm sự',
  'are you a bot', 'nice bot', 'you are funny',
];

export const ASK_HUMAN = [
  'tôi muốn gặp cán bộ', 'cho gặp người thật', 'cho tôi nói chuyện với người thật', 'tôi muốn nói chuyện với cán bộ',
  'chuyển máy cho cán bộ trực', 'gặp cán bộ tiếp dân', 'kết nối với nhân viên', 'cho em gặp anh công an trực ban',
  'tôi không muốn nói chuyện với máy', 'bot không hiểu, cho gặp người', 'chuyển cho người xử lý giúp',
  'có cán bộ nào trực không cho tôi nói chuyện', 'tôi cần tư vấn trực tiếp với cán bộ', 'cho xin số cán bộ phụ trách',
  'gọi cán bộ giúp tôi', 'muốn được cán bộ gọi lại', 'nhờ cán bộ liên hệ lại với tôi', 'cho gap can bo',
  'noi chuyen voi nguoi that', 'chuyen cho nhan vien di', 'gap truc tiep can bo duoc ko', 'cho toi gap nguoi that',
  'ket noi can bo giup em', 'can bo goi lai cho toi duoc khong', 'may tra loi khong dung, cho gap nguoi',
  'I want to talk to a human', 'let me speak to an officer', 'connect me to a real person', 'human please',
  'can an officer call me back', 'transfer me to staff', 'operator please', 'tôi cần người thật hỗ trợ',
  'có ai là người không', 'cán bộ ơi', 'anh chị cán bộ ơi trả lời giúp', 'muốn gặp trưởng công an phường',
];

export const APPLICATION_STATUS = [
  'hồ sơ của tôi đã xử lý chưa', 'tra cứu tình trạng hồ sơ', 'hồ sơ nộp hôm trước giờ thế nào rồi',
  'kiểm tra tiến độ giải quyết hồ sơ', 'tôi muốn biết hồ sơ đến bước nào', 'mã hồ sơ của tôi là G22.99-250312-0045',
  'hồ sơ đang chờ tiếp nhận lâu quá', 'sao hồ sơ bị từ chối', 'hồ sơ bị yêu cầu bổ sung là sao',
  'bao giờ tôi nhận được kết quả hồ sơ', 'nộp hồ sơ online 1 tuần chưa thấy gì', 'hồ sơ quá hạn mà chưa trả',
  'đã nộp hồ sơ căn cước, bao giờ lấy thẻ', 'thẻ căn cước làm xong chưa', 'kiểm tra xem thẻ đã về chưa',
  'hộ chiếu của tôi làm xong chưa', 'hồ sơ tạm trú đã được duyệt chưa', 'kết quả hồ sơ trả qua đâu',
  'tra cuu ho so da nop', 'ho so nop tren vneid chua thay duyet',
  'kiem tra trang thai ho so', 'ho so bi tra ve vi sao', 'bao gio co ket qua ho so', 'the can cuoc xong chua a',
  'nộp rồi mà chưa thấy tin nhắn báo kết quả', 'trạng thái hồ sơ ghi đang xử lý mãi', 'tiến độ hồ sơ của em',
  'check my application status', 'has my application been processed', 'where is my passport application',
  'status of my file', 'my application is still pending', 'hồ sơ của tôi bị treo', 'chờ mãi chưa có thẻ',
  'tra mã biên nhận hồ sơ', 'tôi có mã biên nhận, xem hồ sơ ở đâu', 'làm sao biết hồ sơ đã được duyệt',
];

/** Follow-up fragments: a facet question about the procedure under discussion. */
export const FOLLOWUP = [
  'lệ phí thế nào', 'phí bao nhiêu', 'hết bao nhiêu', 'tốn bao nhiêu tiền', 'có mất tiền không', 'miễn phí không',
  'thế còn lệ phí', 'giá bao nhiêu', 'bao nhiêu tiền vậy', 'phi bao nhieu', 'mat phi ko', 'het bn tien',
  'bao lâu', 'mấy ngày', 'bao lâu thì xong', 'thời gian bao lâu', 'bao giờ có', 'mất mấy ngày làm việc',
  'bao lau', 'may ngay co', 'lau khong', 'thời hạn giải quyết', 'làm trong bao lâu',
  'có làm trực tuyến được không', 'nộp qua vneid được không', 'trên mạng có làm được không',
  'nop truc tuyen dc k', 'co lam qua mang dc khong', 'có nộp qua bưu điện được không',
  'cần những giấy tờ gì', 'hồ sơ gồm những gì', 'mang theo gì', 'cần chuẩn bị gì',
  'can mang nhung gi', 'ho so gom gi', 'có cần bản sao không', 'có cần công chứng không', 'cần mấy ảnh',
  'làm ở đâu', 'nộp hồ sơ ở đâu', 'đến đâu để làm', 'ở đâu làm', 'lam o dau', 'đi đâu làm',
  'có phải về quê làm không', 'làm ở phường nào cũng được à',
  'căn cứ pháp luật nào', 'văn bản nào quy định', 'theo nghị định nào', 'luật nào quy định', 'can cu phap ly',
  'thế còn', 'còn gì nữa không', 'rồi sao nữa', 'tiếp theo làm gì', 'sau đó thì sao', 'các bước thế nào',
  'how long does it take', 'what is the fee', 'how much is it', 'can I do it online', 'where do I go',
  'what papers do I need', 'which law', 'is it free',
];
